package io.ssobroker.app.console.view;

/** What the last action did, at the top of the page: done, or refused and why. */
public record Notice(String text, boolean done) {

  public static Notice done(String text) {
    return new Notice(text, true);
  }

  public static Notice refused(String text) {
    return new Notice(text, false);
  }
}
