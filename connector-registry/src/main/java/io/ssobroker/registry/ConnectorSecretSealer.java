package io.ssobroker.registry;

import io.ssobroker.platform.Tokens;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import io.ssobroker.platform.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Envelope encryption of connector secrets at rest (Tink): each secret gets its own data key (AES-256-GCM), which is
 * wrapped by a key-encryption key of the configuration ({@code secrets.keys}: {@code id:base64,...}, newest first).
 * The connector id is bound as associated data, so a sealed secret cannot be moved to another connector. Without
 * configured keys, a key is generated once into {@code <dataDir>/secrets.key} (all-in-one development).
 */
public final class ConnectorSecretSealer {

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

  private ConnectorSecretSealer(String primaryKeyId, Map<String, Aead> envelopes) {
    this.primaryKeyId = primaryKeyId;
    this.envelopes = envelopes;
  }

  static ConnectorSecretSealer fromConfiguration(Optional<Secret> configuredKeys, Path dataDir) throws IOException {
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
    return new ConnectorSecretSealer(keys.keySet().iterator().next(), envelopes);
  }

  public Sealed seal(UUID connectorId, String secret) {
    try {
      return new Sealed(primaryKeyId, envelopes.get(primaryKeyId).encrypt(secret.getBytes(StandardCharsets.UTF_8),
          associatedData(connectorId)));
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("cannot seal a connector secret", failure);
    }
  }

  public String open(UUID connectorId, Sealed sealed) {
    Aead envelope = envelopes.get(sealed.keyId());
    if (envelope == null) {
      throw new IllegalStateException("connector " + connectorId + ": its secret was sealed with key '"
          + sealed.keyId() + "', which is not in secrets.keys");
    }
    try {
      return new String(envelope.decrypt(sealed.ciphertext(), associatedData(connectorId)), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException failure) {
      throw new IllegalStateException("connector " + connectorId + ": its secret cannot be opened", failure);
    }
  }

  private static byte[] associatedData(UUID connectorId) {
    return ("connector-secret:" + connectorId).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] localKey(Path file) throws IOException {
    if (Files.exists(file)) {
      return Base64.getDecoder().decode(Files.readString(file).trim());
    }
    Files.createDirectories(file.getParent());
    byte[] key = Tokens.randomBytes(32);
    Files.writeString(file, Base64.getEncoder().encodeToString(key));
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException noPosix) {
      // not a POSIX file system: the directory's own protection applies
    }
    return key;
  }
}
