package io.ssobroker.edge.internal.connector.generic;

import io.ssobroker.edge.internal.connector.oidc.OidcProfile;
import java.net.URI;

/** A plain OpenID Provider: the protocol's defaults, from its discovery URL. */
record GenericOidcProfile(URI discoveryUrl) implements OidcProfile {}
