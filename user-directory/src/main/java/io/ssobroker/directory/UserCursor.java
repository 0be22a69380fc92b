package io.ssobroker.directory;

import io.ssobroker.platform.bus.ServiceException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Cursors of user listings are opaque to clients: the last email of the previous page, base64url. */
final class UserCursor {

  private UserCursor() {}

  /** The cursor of the page after this one; null for the last page. */
  static String next(UserRequests.UserPage page) {
    if (!page.more()) {
      return null;
    }
    String lastEmail = page.users().get(page.users().size() - 1).email();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastEmail.getBytes(StandardCharsets.UTF_8));
  }

  /** The email a listing continues after; the start for no cursor. */
  static String email(String cursor) {
    if (cursor == null) {
      return "";
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      throw ServiceException.invalid("cursor", "not a cursor of this listing");
    }
  }
}
