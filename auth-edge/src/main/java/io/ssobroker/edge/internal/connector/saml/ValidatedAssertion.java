package io.ssobroker.edge.internal.connector.saml;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An assertion whose signature and conditions were checked, read only from the element the verified signature covers.
 * {@code notOnOrAfter} is the end of its validity (the earlier of the bearer confirmation's and the conditions'): the
 * assertion ID must stay consumed until then, plus the clock skew, to make it single-use.
 */
record ValidatedAssertion(
    String issuer,
    String assertionId,
    String nameId,
    Optional<String> nameIdFormat,
    Map<String, List<String>> attributes,
    Instant notOnOrAfter,
    Optional<String> inResponseTo,
    Optional<String> sessionIndex) {

  public ValidatedAssertion {
    attributes = Map.copyOf(attributes);
  }

  /** The first value of an attribute, if it has one that is not blank. */
  public Optional<String> firstValue(String attributeName) {
    return attributes.getOrDefault(attributeName, List.of()).stream().filter(value -> !value.isBlank()).findFirst();
  }
}
