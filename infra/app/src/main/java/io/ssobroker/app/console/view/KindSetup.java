package io.ssobroker.app.console.view;

import java.util.List;

/** How one kind of connector is set up: what to register at the IdP, and what the wizard then asks for. */
public record KindSetup(String kind, String label, String atTheIdp, List<RegisterValue> register,
    List<SetupField> fields) {}
