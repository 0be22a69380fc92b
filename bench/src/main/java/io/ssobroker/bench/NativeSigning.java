package io.ssobroker.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/**
 * The local IdP's keys and RS256 signatures from AWS-LC (Amazon Corretto Crypto Provider) rather than the JDK: about
 * 0.26 ms of CPU per signature instead of 1 ms here, CPU that the IdP would otherwise take from the broker under
 * measurement on the same machine. Where the native library cannot load, the JDK signs and the run says so.
 */
final class NativeSigning {

  private NativeSigning() {}

  static void install() {
    try {
      AmazonCorrettoCryptoProvider.install();
      AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
      System.out.println("the local IdP signs with " + AmazonCorrettoCryptoProvider.INSTANCE.getName() + " "
          + AmazonCorrettoCryptoProvider.INSTANCE.getVersionStr());
    } catch (RuntimeException | LinkageError unavailable) {
      System.out.println("the local IdP signs with the JDK (native crypto unavailable: " + unavailable + ")");
    }
  }
}
