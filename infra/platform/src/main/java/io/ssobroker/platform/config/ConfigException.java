package io.ssobroker.platform.config;

/**
 * A configuration value that cannot be used. The message names the key (or file and line) and what is wrong;
 * the launcher prints it and exits non-zero before anything listens.
 */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }

  public static ConfigException forKey(ConfigKey key, String problem) {
    return new ConfigException("configuration " + key.key() + " (" + key.env() + ", " + key.flag() + "): " + problem);
  }
}
