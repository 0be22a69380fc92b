package io.ssobroker.app.console.view;

import java.util.List;

/** The audit log's filters as the form shows them, and the categories to choose from. */
public record AuditFilter(String org, String type, String category, String from, String to,
    List<String> categories) {}
