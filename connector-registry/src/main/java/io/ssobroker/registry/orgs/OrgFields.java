package io.ssobroker.registry.orgs;

import io.ssobroker.platform.registry.OrgBranding;
import java.util.List;
import java.util.Optional;

/** What an admin sets on an org: everything but its slug, which never changes. */
public record OrgFields(String name, Optional<String> landingUrl, List<String> allowedReturnOrigins,
    OrgBranding branding) {

  public OrgFields {
    allowedReturnOrigins = List.copyOf(allowedReturnOrigins);
  }
}
