package io.ssobroker.app.console.view;

/** A value the customer's IT admin registers at their IdP, exactly as it must be typed there. */
public record RegisterValue(String label, String value, String hint) {}
