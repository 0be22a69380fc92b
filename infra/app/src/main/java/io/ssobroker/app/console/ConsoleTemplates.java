package io.ssobroker.app.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The console's JTE templates, compiled to Java classes at build time ({@code src/main/jte}); HTML output escapes every
 * value by default.
 */
public final class ConsoleTemplates {

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  public String render(String template, Map<String, Object> parameters) {
    StringOutput output = new StringOutput();
    engine.render(template, parameters, output);
    return output.toString();
  }
}
