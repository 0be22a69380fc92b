package io.ssobroker.registry.orgs;

/** {@code POST /admin/v1/orgs}. */
public record CreateOrgRequest(String slug, OrgFields fields) {}
