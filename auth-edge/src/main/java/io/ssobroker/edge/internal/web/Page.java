package io.ssobroker.edge.internal.web;

/** A hosted page, built in one language ({@code Content-Language} of its answer). */
record Page(String language, String html) {}
