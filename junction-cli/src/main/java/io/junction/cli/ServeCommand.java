package io.junction.cli;

import io.junction.server.JunctionServer;
import io.junction.server.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", description = {
        "Serve the HTTP/JSON API: connections and cross-database queries (see /api/openapi.json).",
        "Sources of the catalog file, when there is one, appear as read-only connections. Stops gracefully on Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    JunctionCli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerSettings.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerSettings.DEFAULT_PORT,
            description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where connections made over the API and the key encrypting their passwords are kept (default: ~/.junction).")
    Path dataDir;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token every endpoint but /health requires (default: $" + ServerSettings.TOKEN_ENV + "; none when unset).")
    String token;

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings = ServerSettings.fromEnvironment().withHost(host).withPort(port);
        if (dataDir != null) {
            settings = settings.withDataDir(dataDir);
        }
        if (token != null) {
            settings = settings.withApiToken(token);
        }
        if (Files.isRegularFile(cli.config)) {
            settings = settings.withCatalogFile(cli.config);
        }
        JunctionServer server = JunctionServer.start(settings);
        spec.commandLine().getOut().println("Junction API on http://" + host + ":" + server.port() + " (data in "
                + settings.dataDir().toAbsolutePath() + (settings.apiToken() == null ? "; no token" : "; token required") + ")");
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "junction-server-shutdown"));
        stopped.await();
        return ExitCode.OK;
    }
}
