package io.ssobroker.app.console.view;

import java.util.Map;
import java.util.Optional;

/**
 * What a refused form shows: the message, tied to its field when the service named one, and the values as typed.
 */
public record FormProblem(Optional<String> message, Optional<String> field, Map<String, String> typed) {

  public static FormProblem none() {
    return new FormProblem(Optional.empty(), Optional.empty(), Map.of());
  }

  /**
   * A service's refusal: a message that starts with the field it concerns ({@code slug: must be ...}) is shown under
   * that field, without the prefix.
   */
  public static FormProblem refused(String message, Optional<String> field, Map<String, String> typed) {
    String shown = field.map(name -> message.substring(name.length() + 2)).map(FormProblem::sentence).orElse(message);
    return new FormProblem(Optional.of(shown), field, typed);
  }

  /** The same problem shown under another field: an item of a list ({@code redirectUris[1]}) under the list's field. */
  public FormProblem under(String shownField) {
    return new FormProblem(message, Optional.of(shownField), typed);
  }

  private static String sentence(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
  }

  public boolean on(String name) {
    return field.filter(name::equals).isPresent();
  }

  /** The message when it belongs to no field of the form. */
  public Optional<String> general(java.util.Set<String> fields) {
    return field.filter(fields::contains).isPresent() ? Optional.empty() : message;
  }

  public String typed(String name) {
    return typed.getOrDefault(name, "");
  }
}
