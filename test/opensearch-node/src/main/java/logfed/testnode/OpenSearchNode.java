package logfed.testnode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node for tests: single-node discovery on 127.0.0.1, HTTP and transport on free ports, data
 * under the folder given as the only argument. Prints {@code http.port=<port>} on stdout once it serves HTTP and
 * runs until stdin closes (the test helper ends it by closing stdin or by killing it).
 */
public final class OpenSearchNode {
  /** {@code Node}'s plugin-taking constructor is protected; the networking module comes in as a plugin. */
  private static final class PluginNode extends Node {
    PluginNode(Settings settings) {
      super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "logfed-test"),
          List.of(Netty4Plugin.class), true);
    }
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    Files.createDirectories(home.resolve("data"));
    Settings settings = Settings.builder()
        .put("cluster.name", "logfed-test")
        .put("node.name", "logfed-test")
        .put("path.home", home.toString())
        .put("path.data", home.resolve("data").toString())
        .put("path.logs", home.resolve("logs").toString())
        .put("discovery.type", "single-node")
        .put("network.host", "127.0.0.1")
        .put("http.port", "0")
        .put("transport.port", "0")
        .put("http.type", "netty4")
        .put("transport.type", "netty4")
        // The test machine's disk may be fuller than the default watermarks allow; tests write little.
        .put("cluster.routing.allocation.disk.threshold_enabled", false)
        .build();
    Node node = new PluginNode(settings).start();
    TransportAddress http = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
    System.out.println("http.port=" + http.getPort());
    System.out.flush();
    CountDownLatch stdinClosed = new CountDownLatch(1);
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // nothing to read; waiting for the end of stdin
        }
      } catch (Exception ignored) {
        // a broken stdin also means the test helper is gone
      }
      stdinClosed.countDown();
    });
    watcher.setDaemon(true);
    watcher.start();
    stdinClosed.await();
    node.close();
    System.exit(0);
  }
}
