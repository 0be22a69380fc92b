package io.ssobroker.app.console;

import static io.ssobroker.app.console.ConsoleExchange.field;
import static io.ssobroker.app.console.ConsoleExchange.redirect;

import io.ssobroker.app.console.view.ImportReport;
import io.ssobroker.platform.admin.AdminActor;
import io.ssobroker.platform.bus.ServiceException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Importing users from a CSV file in the console: the file goes through the same import as the admin API's upload
 * (the same row rules, per-line errors and audit event); its page shows the progress while the directory checks the
 * lines, then what was created, updated and unchanged, and every rejected line with why.
 */
final class UserImportPages {

  static final String UPLOAD_PATH = ConsoleRoutes.PATH + "/orgs/:org/users/import";
  private static final String PATH = ConsoleRoutes.PATH;

  private final ConsoleExchange exchange;
  private final UserImportJobs jobs;

  UserImportPages(ConsoleExchange exchange, UserImportJobs jobs) {
    this.exchange = exchange;
    this.jobs = jobs;
  }

  void mount(Router router) {
    router.post(UPLOAD_PATH).handler(this::start);
    router.get(UPLOAD_PATH + "/:id").handler(this::show);
    router.get(UPLOAD_PATH + "/:id/progress").handler(this::progress);
  }

  private void start(RoutingContext routing) {
    String org = routing.pathParam("org");
    String content = ConsoleUpload.file(routing).toString(StandardCharsets.UTF_8);
    List<String> lines = Arrays.asList(content.split("\n", -1));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines = lines.subList(0, lines.size() - 1);
    }
    if (lines.isEmpty()) {
      exchange.page(routing, 400, "console/problem.jte", Map.of("title", "Nothing to import",
          "detail", "Choose a CSV file whose first line names the columns (email, and optionally name and status)."));
      return;
    }
    ConsoleSession session = routing.get(ConsoleExchange.SESSION);
    AdminActor actor = routing.get(ConsoleExchange.ACTOR);
    try {
      UserImportJobs.Job job = jobs.start(session.id(), actor, org, lines, "on".equals(field(routing, "atomic")));
      redirect(routing, PATH + "/orgs/" + org + "/users/import/" + job.id);
    } catch (ServiceException busy) {
      exchange.page(routing, 503, "console/problem.jte", Map.of("title", "Not possible",
          "detail", busy.getMessage()));
    }
  }

  private Optional<UserImportJobs.Job> job(RoutingContext routing) {
    ConsoleSession session = routing.get(ConsoleExchange.SESSION);
    return jobs.find(session.id(), routing.pathParam("org"), routing.pathParam("id"));
  }

  private void show(RoutingContext routing) {
    Optional<UserImportJobs.Job> found = job(routing);
    if (found.isEmpty()) {
      exchange.page(routing, 404, "console/problem.jte", Map.of("title", "Not found",
          "detail", "No such import in this session; imports are kept for an hour after they end."));
      return;
    }
    UserImportJobs.Job job = found.get();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("org", job.org);
    model.put("jobId", job.id);
    model.put("lines", job.totalLines);
    model.put("checked", job.checkedLines());
    model.put("report", job.report.map(ImportReport::of));
    model.put("failure", job.failure);
    exchange.page(routing, job.ended() ? 200 : 202, "console/userImport.jte", model);
  }

  private void progress(RoutingContext routing) {
    Optional<UserImportJobs.Job> found = job(routing);
    if (found.isEmpty()) {
      routing.response().setStatusCode(404).end();
      return;
    }
    routing.response().putHeader("Content-Type", "application/json").end(found.get().progress().encode());
  }
}
