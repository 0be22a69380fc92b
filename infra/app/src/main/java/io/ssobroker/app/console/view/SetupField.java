package io.ssobroker.app.console.view;

import java.util.List;

/**
 * One value the wizard asks for, named by its place in the connector's body ({@code parameters.clientId}), so that a
 * refusal naming that field lands under it.
 *
 * @param type {@code text}, {@code secret}, {@code textarea}, {@code date} or {@code choice} (one of {@code options})
 */
public record SetupField(String name, String label, String hint, String type, boolean required, List<String> options) {

  public static SetupField text(String name, String label, String hint, boolean required) {
    return new SetupField(name, label, hint, "text", required, List.of());
  }

  public static SetupField secret(String name, String label, String hint) {
    return new SetupField(name, label, hint, "secret", true, List.of());
  }

  public static SetupField textarea(String name, String label, String hint) {
    return new SetupField(name, label, hint, "textarea", false, List.of());
  }

  public static SetupField date(String name, String label, String hint) {
    return new SetupField(name, label, hint, "date", false, List.of());
  }

  public static SetupField choice(String name, String label, String hint, List<String> options) {
    return new SetupField(name, label, hint, "choice", true, options);
  }

  /** An id for the HTML element: the name with its dots, which HTML allows and no stylesheet selects by. */
  public String id() {
    return "field-" + name.replace('.', '-');
  }

  public boolean listValued() {
    return name.equals("domains") || name.equals("parameters.allowedTenants");
  }
}
