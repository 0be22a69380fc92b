package io.ssobroker.app.console.view;

/** How many logins of an org failed in one category over the overview's period. */
public record FailureCount(String category, long count) {}
