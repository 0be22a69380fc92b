package io.ssobroker.edge.internal.web;

import static io.ssobroker.edge.internal.web.Responses.html;
import static io.ssobroker.edge.internal.web.Responses.json;
import static io.ssobroker.edge.internal.web.Responses.unavailable;
import static io.ssobroker.edge.internal.web.Responses.wantsJson;

import io.ssobroker.edge.internal.login.CachedRegistry;
import io.ssobroker.edge.internal.login.LoginFlow;
import io.ssobroker.edge.internal.login.ReturnTargets;
import io.ssobroker.platform.EmailAddress;
import io.ssobroker.platform.registry.ConnectorDescriptor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** Starts logins: from an email (home realm discovery by its domain) or with a chosen connector. */
final class LoginStarts {

  private final LoginFlow logins;
  private final CachedRegistry registry;
  private final ReturnTargets returnTargets;
  private final Cookies cookies;
  private final LoginAnswers answers;

  LoginStarts(LoginFlow logins, CachedRegistry registry, ReturnTargets returnTargets, Cookies cookies,
      LoginAnswers answers) {
    this.logins = logins;
    this.registry = registry;
    this.returnTargets = returnTargets;
    this.cookies = cookies;
    this.answers = answers;
  }

  /**
   * The active connector of the email's domain, or for the test application a testing connector that lists the email
   * as a tester; without one, the page that says single sign-on is not enabled for the domain.
   */
  void withEmail(RoutingContext routing, EmailAddress email, LoginTarget target) {
    String domain = email.domain();
    Future<Optional<ConnectorDescriptor>> route = target.throughTestApp()
        ? registry.testingConnectorForTester(domain, email.value()).compose(testing -> testing.isPresent()
            ? Future.succeededFuture(testing) : registry.activeConnectorForDomain(domain))
        : registry.activeConnectorForDomain(domain);
    route.onComplete(found -> {
      if (found.failed()) {
        unavailable(routing, found.cause());
      } else if (found.result().isEmpty()) {
        if (wantsJson(routing)) {
          json(routing, 200, new JsonObject().put("sso", false));
        } else {
          html(routing, 200, Pages.ssoNotEnabled(Texts.of(routing.request()), domain, target));
        }
      } else {
        withConnector(routing, found.result().get(), Optional.of(email), target);
      }
    });
  }

  void withConnector(RoutingContext routing, ConnectorDescriptor connector, Optional<EmailAddress> hint,
      LoginTarget target) {
    String binding = cookies.browserBinding(routing);
    Future<Optional<String>> returnTo = target.authorization().isPresent() ? Future.succeededFuture(Optional.empty())
        : returnTargets.check(connector.org(), target.returnTo().orElse(null));
    returnTo.compose(checked -> logins.begin(connector, hint, checked, target.authorization(), binding,
            Callers.of(routing)))
        .onComplete(outcome -> answers.answer(routing, outcome, 0));
  }
}
