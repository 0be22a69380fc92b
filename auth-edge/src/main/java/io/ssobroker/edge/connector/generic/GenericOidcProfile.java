package io.ssobroker.edge.connector.generic;

import io.ssobroker.edge.connector.oidc.OidcProfile;
import java.net.URI;

/** A plain OpenID Provider: the protocol's defaults, from its discovery URL. */
record GenericOidcProfile(URI discoveryUrl) implements OidcProfile {}
