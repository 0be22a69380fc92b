package io.ssobroker.edge.web;

/** A hosted page, built in one language ({@code Content-Language} of its answer). */
record Page(String language, String html) {}
