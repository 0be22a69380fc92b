package io.ssobroker.platform.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import io.ssobroker.platform.Secret;
import io.ssobroker.platform.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Envelope encryption of secrets at rest (Tink): each secret gets its own data key (AES-256-GCM), which is wrapped by a
 * key-encryption key of the configuration ({@code secrets.keys}: {@code id:base64,...}, newest first). What a secret
 * belongs to (a connector, a signing key) is bound as associated data, so a sealed secret cannot be moved to another.
 * Without configured keys, a key is generated once into {@code <dataDir>/secrets.key} (all-in-one development), by
 * whichever service of the process comes first.
 */
public final class SecretSealer {

  /** A sealed secret and the id of the key that wrapped it. */
  public record Sealed(String keyId, byte[] ciphertext) {}

  private static final String LOCAL_KEY_ID = "local";

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException failure) {
      throw new ExceptionInInitializerError(failure);
    }
  }

  private final String primaryKeyId;
  private final Map<String, Aead> envelopes;

  private SecretSealer(String primaryKeyId, Map<String, Aead> envelopes) {
    this.primaryKeyId = primaryKeyId;
    this.envelopes = envelopes;
  }

  /** Blocks (reads or writes the local key file): call it off the event loop. */
  public static SecretSealer fromConfiguration(Optional<Secret> configuredKeys, Path dataDir) throws IOException {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    if (configuredKeys.isPresent()) {
      for (String entry : configuredKeys.get().value().split(",")) {
        String[] parts = entry.trim().split(":", 2);
        keys.put(parts[0], Base64.getDecoder().decode(parts[1].trim()));
      }
    } else {
      keys.put(LOCAL_KEY_ID, localKey(dataDir.resolve("secrets.key")));
    }
    Map<String, Aead> envelopes = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, byte[]> key : keys.entrySet()) {
        envelopes.put(key.getKey(), KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM,
            new AesGcmJce(key.getValue())));
      }
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("secrets.keys cannot be used: " + failure.getMessage(), failure);
    }
    return new SecretSealer(keys.keySet().iterator().next(), envelopes);
  }

  /** Seals the secret for what it belongs to, named by {@code owner} (for example {@code connector-secret:<id>}). */
  public Sealed seal(String owner, byte[] secret) {
    try {
      return new Sealed(primaryKeyId, envelopes.get(primaryKeyId).encrypt(secret, associatedData(owner)));
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("cannot seal " + owner, failure);
    }
  }

  public Sealed seal(String owner, String secret) {
    return seal(owner, secret.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether this process holds the key with this id (whatever its material). */
  public boolean hasKey(String keyId) {
    return envelopes.containsKey(keyId);
  }

  public byte[] openBytes(String owner, Sealed sealed) {
    Aead envelope = envelopes.get(sealed.keyId());
    if (envelope == null) {
      throw new IllegalStateException(owner + ": sealed with key '" + sealed.keyId() + "', which is not in secrets.keys");
    }
    try {
      return envelope.decrypt(sealed.ciphertext(), associatedData(owner));
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException(owner + ": cannot be opened", failure);
    }
  }

  public String open(String owner, Sealed sealed) {
    return new String(openBytes(owner, sealed), StandardCharsets.UTF_8);
  }

  private static byte[] associatedData(String owner) {
    return owner.getBytes(StandardCharsets.UTF_8);
  }

  /** The key of this data directory; two services starting at once agree on the one that was written first. */
  private static byte[] localKey(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      Path candidate = Files.createTempFile(file.getParent(), "secrets", ".key");
      try {
        setOwnerOnly(candidate);
        Files.writeString(candidate, Base64.getEncoder().encodeToString(Tokens.randomBytes(32)));
        Files.move(candidate, file);
      } catch (FileAlreadyExistsException anotherServiceWasFirst) {
        // its key is the one
      } finally {
        Files.deleteIfExists(candidate);
      }
    }
    return Base64.getDecoder().decode(Files.readString(file).trim());
  }

  private static void setOwnerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException noPosix) {
      // not a POSIX file system: the directory's own protection applies
    }
  }
}
