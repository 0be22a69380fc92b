package io.ssobroker.app.console.view;

/** One check of a connector's preflight against its IdP. */
public record CheckLine(String name, boolean passed, String message) {}
