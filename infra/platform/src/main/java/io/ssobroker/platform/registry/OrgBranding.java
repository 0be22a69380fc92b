package io.ssobroker.platform.registry;

import io.ssobroker.platform.connector.FieldReader;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How an org's hosted pages look: the name they show, a logo, and an accent colour for buttons and links. The
 * accent must keep white button text and links on white readable: a contrast of at least {@link #MIN_CONTRAST} to
 * white (WCAG 2.2, 1.4.3), checked when it is set.
 */
public record OrgBranding(Optional<String> displayName, Optional<URI> logoUrl, Optional<String> accentColor) {

  public static final OrgBranding NONE = new OrgBranding(Optional.empty(), Optional.empty(), Optional.empty());
  public static final double MIN_CONTRAST = 4.5;
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
  private static final Set<String> FIELDS = Set.of("displayName", "logoUrl", "accentColor");
  private static final int MAX_NAME = 100;
  private static final int MAX_URL = 2048;

  public OrgBranding {
    if (accentColor.isPresent() && !COLOUR.matcher(accentColor.get()).matches()) {
      throw new IllegalArgumentException("not a colour: " + accentColor.get());
    }
  }

  /** The {@code branding} object of an org's admin request; absent: no branding. */
  public static OrgBranding read(FieldReader org) {
    Optional<FieldReader> found = org.optionalObject("branding");
    if (found.isEmpty()) {
      return NONE;
    }
    FieldReader branding = found.get();
    branding.allowOnly(FIELDS);
    Optional<String> displayName = branding.optionalText("displayName");
    if (displayName.isPresent() && displayName.get().length() > MAX_NAME) {
      throw branding.error("displayName", "at most " + MAX_NAME + " characters");
    }
    Optional<URI> logoUrl = branding.optionalText("logoUrl").map(text -> {
      URI url = branding.secureUrl("logoUrl", text);
      if (text.length() > MAX_URL || url.getRawUserInfo() != null || url.getRawFragment() != null) {
        throw branding.error("logoUrl", "must be an https URL of at most " + MAX_URL + " characters, without user "
            + "or fragment");
      }
      return url;
    });
    Optional<String> accentColor = branding.optionalText("accentColor").map(text -> accent(branding, text));
    return new OrgBranding(displayName, logoUrl, accentColor);
  }

  private static String accent(FieldReader branding, String text) {
    String colour = text.toLowerCase(Locale.ROOT);
    if (!COLOUR.matcher(colour).matches()) {
      throw branding.error("accentColor", "must be a colour as #rrggbb, such as #2557d6");
    }
    double contrast = contrastToWhite(colour);
    if (contrast < MIN_CONTRAST) {
      throw branding.error("accentColor", String.format(Locale.ROOT, "%s has a contrast of %.2f:1 to white; buttons "
          + "and links need at least %.1f:1, so choose a darker shade", colour, contrast, MIN_CONTRAST));
    }
    return colour;
  }

  /** The WCAG contrast ratio of a {@code #rrggbb} colour and white, from 1 (white) to 21 (black). */
  public static double contrastToWhite(String colour) {
    double luminance = 0.2126 * channel(colour, 1) + 0.7152 * channel(colour, 3) + 0.0722 * channel(colour, 5);
    return 1.05 / (luminance + 0.05);
  }

  private static double channel(String colour, int at) {
    double value = Integer.parseInt(colour.substring(at, at + 2), 16) / 255.0;
    return value <= 0.04045 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
  }

  public boolean isEmpty() {
    return displayName.isEmpty() && logoUrl.isEmpty() && accentColor.isEmpty();
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    displayName.ifPresent(name -> json.put("displayName", name));
    logoUrl.ifPresent(url -> json.put("logoUrl", url.toString()));
    accentColor.ifPresent(colour -> json.put("accentColor", colour));
    return json;
  }

  /** As stored or sent by the registry, which checked it when it was set. */
  public static OrgBranding fromJson(JsonObject json) {
    if (json == null) {
      return NONE;
    }
    return of(json.getString("displayName"), json.getString("logoUrl"), json.getString("accentColor"));
  }

  public static OrgBranding of(String displayName, String logoUrl, String accentColor) {
    return new OrgBranding(Optional.ofNullable(displayName), Optional.ofNullable(logoUrl).map(URI::create),
        Optional.ofNullable(accentColor));
  }
}
