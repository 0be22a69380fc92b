package io.ssobroker.app.cluster;

import io.ssobroker.platform.config.ClusterSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.jgroups.JChannel;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.dns.DNS_PING;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;
import org.jgroups.util.DefaultSocketFactory;

/**
 * The JGroups stack the fleet's membership runs on: TCP only, every connection TLS with a certificate required from
 * both sides (a process without one of the fleet's certificates cannot join, read or forge membership); members found
 * from a static list or a headless Service's DNS records, never by multicast. A crashed member is noticed when its
 * failure-detector connection drops (kill -9 closes it at once), a hung one when its heartbeats stop.
 */
final class MembershipChannel {

  private static final long HEARTBEAT_MILLIS = 1_000;
  private static final long HEARTBEAT_TIMEOUT_MILLIS = 4_000;
  private static final long VERIFY_MILLIS = 500;
  private static final long JOIN_TIMEOUT_MILLIS = 3_000;
  private static final long MERGE_MIN_MILLIS = 2_000;
  private static final long MERGE_MAX_MILLIS = 5_000;
  private static final long MERGE_CHECK_MILLIS = 8_000;
  private static final int FAILURE_DETECTOR_OFFSET = 1;

  private MembershipChannel() {}

  static JChannel create(ClusterSettings settings, SSLContext tls) throws Exception {
    InetAddress bind = InetAddress.getByName(settings.host());
    TCP transport = new TCP();
    transport.setBindAddr(bind);
    transport.setBindPort(settings.membershipPort());
    transport.setPortRange(0);
    transport.setExternalAddr(InetAddress.getByName(settings.publicHost()));
    DefaultSocketFactory sockets = new DefaultSocketFactory(tls);
    sockets.setServerSocketConfigurator(socket -> ((SSLServerSocket) socket).setNeedClientAuth(true));
    transport.setSocketFactory(sockets);

    List<Protocol> stack = new ArrayList<>();
    stack.add(transport);
    stack.add(discovery(settings));
    // a process that formed a group of its own (it found nobody in time) merges with the fleet within seconds
    stack.add(new MERGE3().setMinInterval(MERGE_MIN_MILLIS).setMaxInterval(MERGE_MAX_MILLIS)
        .setCheckInterval(MERGE_CHECK_MILLIS));
    FD_SOCK2 crashDetector = new FD_SOCK2();
    crashDetector.setOffset(FAILURE_DETECTOR_OFFSET);
    crashDetector.setPortRange(0);
    crashDetector.setBindAddress(bind);
    crashDetector.setExternalAddress(InetAddress.getByName(settings.publicHost()));
    stack.add(crashDetector);
    stack.add(new FD_ALL3().setInterval(HEARTBEAT_MILLIS).setTimeout(HEARTBEAT_TIMEOUT_MILLIS));
    stack.add(new VERIFY_SUSPECT2().setTimeout(VERIFY_MILLIS));
    stack.add(new NAKACK2());
    stack.add(new UNICAST3());
    stack.add(new STABLE());
    stack.add(new GMS().setJoinTimeout(JOIN_TIMEOUT_MILLIS));
    stack.add(new UFC());
    stack.add(new MFC());
    stack.add(new FRAG4());
    return new JChannel(stack);
  }

  private static Protocol discovery(ClusterSettings settings) {
    if (settings.kubernetesService().isPresent()) {
      return new DNS_PING().setDNSQuery(settings.kubernetesService().get());
    }
    List<InetSocketAddress> members = new ArrayList<>();
    for (InetSocketAddress member : settings.members()) {
      members.add(new InetSocketAddress(member.getHostString(), member.getPort()));
    }
    return new TCPPING().setPortRange(0).initialHosts(members);
  }
}
