package io.ssobroker.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.ssobroker.edge.testidp.TestIdp;
import io.ssobroker.platform.audit.LoginFailureCategory;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;

/** Drives logins through the broker and a {@link TestIdp}, and checks what a rejected login must leave behind. */
public final class OidcLoginHarness {

  /** A login between its start and its callback: the browser that started it and the callback the IdP answered. */
  record PendingLogin(TestBrowser browser, String callbackUrl, String authorizationUrl) {}

  private final LoginBroker broker;
  private final AuditTopicReader audit;

  OidcLoginHarness(LoginBroker broker, AuditTopicReader audit) {
    this.broker = broker;
    this.audit = audit;
  }

  PendingLogin begin(String email) throws Exception {
    return begin(new TestBrowser(), "/login?email=" + email);
  }

  PendingLogin begin(TestBrowser browser, String pathAndQuery) throws Exception {
    HttpResponse<String> start = browser.get(broker.baseUrl + pathAndQuery);
    assertThat(start.statusCode()).as("login start: %s", start.body()).isEqualTo(302);
    String authorization = TestBrowser.location(start);
    HttpResponse<String> idpAnswer = browser.get(authorization);
    assertThat(idpAnswer.statusCode()).as("IdP authorization: %s", idpAnswer.body()).isEqualTo(302);
    String callback = TestBrowser.location(idpAnswer);
    assertThat(callback).startsWith(broker.baseUrl + "/login/callback?");
    return new PendingLogin(browser, callback, authorization);
  }

  HttpResponse<String> finish(PendingLogin login) throws Exception {
    return login.browser().get(login.callbackUrl(), "Accept", "application/json");
  }

  /** Logs in and answers the browser, which holds the session cookie. */
  TestBrowser signIn(String email) throws Exception {
    PendingLogin login = begin(email);
    HttpResponse<String> callback = finish(login);
    assertThat(callback.statusCode()).as("callback: %s", callback.body()).isEqualTo(302);
    return login.browser();
  }

  /** Logs in and checks that a session exists; answers the callback response. */
  HttpResponse<String> logInSuccessfully(String email) throws Exception {
    PendingLogin login = begin(email);
    HttpResponse<String> callback = finish(login);
    assertThat(callback.statusCode()).as("callback: %s", callback.body()).isEqualTo(302);
    HttpResponse<String> session = login.browser().get(broker.baseUrl + "/session");
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(session.body()).getString("email")).isEqualTo(email);
    return callback;
  }

  /**
   * The rejection contract of HOSTILE.md: the category's HTTP status and a JSON error with a stable reason, no session
   * cookie and no session, and exactly this failure as a login.failed event on the audit topic.
   */
  JsonObject assertRejected(HttpResponse<String> response, TestBrowser browser, LoginFailureCategory category,
      String reason) throws Exception {
    assertThat(response.statusCode()).as("answer: %s", response.body()).isEqualTo(category.httpStatus());
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo(category.code());
    assertThat(body.getString("reason")).isEqualTo(reason);
    assertThat(body.getString("message")).isNotBlank();
    assertThat(response.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("sso_session="));
    assertThat(browser.get(broker.baseUrl + "/session").statusCode()).isEqualTo(401);
    JsonObject event = audit.event(body.getString("reference"));
    assertThat(event.getString("type")).isEqualTo("login.failed");
    assertThat(event.getString("category")).isEqualTo(category.code());
    assertThat(event.getString("reason")).isEqualTo(reason);
    assertThat(event.encode()).doesNotContain("code=").doesNotContain("eyJ").doesNotContain("state=");
    return event;
  }

  JsonObject rejectedCallback(PendingLogin login, LoginFailureCategory category, String reason) throws Exception {
    return assertRejected(finish(login), login.browser(), category, reason);
  }

  long sessionsOf(String email) {
    return broker.count("select count(*) from edge.sessions where email = '" + email + "'");
  }
}
