package io.ssobroker.platform.config;

/**
 * Demo mode ({@code --demo}): the all-in-one broker with a sample org, its users and a demo IdP of its own, its data
 * in {@value #DIRECTORY} under the data directory.
 *
 * @param idpPort where the demo IdP listens, on the listen host
 */
public record DemoSettings(int idpPort) {

  public static final String DIRECTORY = "demo";
  public static final String CONNECTORS_FILE = "demo-connectors.json";
  public static final String USERS_FILE = "demo-users.jsonl";
}
