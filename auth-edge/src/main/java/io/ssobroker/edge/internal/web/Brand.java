package io.ssobroker.edge.internal.web;

import io.ssobroker.edge.web.Html;
import io.ssobroker.platform.registry.OrgSummary;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An org's look on its hosted pages (the header shown only when the org set a brand): the name they show, its logo, and its accent, which the registry checked for
 * contrast when an admin set it. The accent is a stylesheet of its own ({@link #ACCENT_PATH}), since the pages'
 * policy allows no inline style.
 */
record Brand(String name, Optional<URI> logo, Optional<String> accent, boolean branded) {

  static final String ACCENT_PATH = "/assets/accent/";
  private static final Pattern ACCENT_FILE = Pattern.compile("([0-9a-f]{6})\\.css");

  static Brand of(OrgSummary org) {
    return new Brand(org.shownName(), org.branding().logoUrl(), org.branding().accentColor(),
        !org.branding().isEmpty());
  }

  /**
   * The header above a page's content, for an org that set its brand: the logo (decorative: the name beside it says
   * who) and the name.
   */
  String header() {
    if (!branded) {
      return "";
    }
    return "<header class=\"brand\">"
        + logo.map(url -> "<img src=\"" + Html.escape(url.toString()) + "\" alt=\"\" height=\"40\">").orElse("")
        + "<span class=\"brand-name\">" + Html.escape(name) + "</span></header>";
  }

  /** The link to the accent's stylesheet, when the org has one. */
  String stylesheet() {
    return accent.map(colour -> "<link rel=\"stylesheet\" href=\"" + ACCENT_PATH + colour.substring(1) + ".css\">")
        .orElse("");
  }

  /** {@code /assets/accent/1d4ed8.css}: the accent as the stylesheet's custom property; any other name is none. */
  static Optional<String> accentStylesheet(String file) {
    java.util.regex.Matcher matched = ACCENT_FILE.matcher(file == null ? "" : file);
    return matched.matches() ? Optional.of(":root { --accent: #" + matched.group(1) + "; }\n") : Optional.empty();
  }
}
