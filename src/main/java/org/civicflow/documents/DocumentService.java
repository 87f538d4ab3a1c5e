package org.civicflow.documents;

import java.io.IOException;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.UUID;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renders a notice from a FreeMarker template ({@code templates/documents/<template>.ftlh}) to Chinese
 * HTML and archives it with its process instance and business key. Templates escape HTML by default,
 * so data from forms is shown, never interpreted.
 */
@Service
public class DocumentService {

    private static final DateTimeFormatter ISSUED_ON = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final Configuration freemarker;
    private final ArchivedDocumentRepository documents;

    DocumentService(ArchivedDocumentRepository documents) {
        this.documents = documents;
        this.freemarker = new Configuration(Configuration.VERSION_2_3_33);
        freemarker.setClassForTemplateLoading(DocumentService.class, "/templates/documents");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setOutputFormat(HTMLOutputFormat.INSTANCE);
        freemarker.setLocale(Locale.SIMPLIFIED_CHINESE);
        // amounts and counts as plain numbers: 120000, not 120,000
        freemarker.setNumberFormat("0.##");
        freemarker.setTimeZone(TimeZone.getTimeZone(ShanghaiTime.ZONE));
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    /**
     * Renders {@code template} with {@code model} (plus {@code title} and {@code issuedOn}) and archives it.
     *
     * @return the archived document's id
     */
    @Transactional
    public String archive(String kind, String template, String title, ProcessRef process, Map<String, ?> model) {
        String html = render(template, title, model);
        if (html.length() > ArchivedDocument.HTML_MAX) {
            throw new IllegalArgumentException("Rendered document " + kind + " is too large to archive");
        }
        ArchivedDocument document = new ArchivedDocument(UUID.randomUUID().toString(), kind, title, process, html,
                ShanghaiTime.now());
        documents.save(document);
        return document.getId();
    }

    String render(String template, String title, Map<String, ?> model) {
        Map<String, Object> data = new HashMap<>(model);
        data.put("title", title);
        data.put("issuedOn", ISSUED_ON.format(ShanghaiTime.now().atZone(ShanghaiTime.ZONE)));
        StringWriter out = new StringWriter();
        try {
            freemarker.getTemplate(template + ".ftlh").process(data, out);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("Cannot render document template " + template, e);
        }
        return out.toString();
    }

    @Transactional(readOnly = true)
    public Optional<ArchivedDocument> find(String id) {
        return documents.findById(id);
    }

    @Transactional(readOnly = true)
    public List<ArchivedDocument> ofProcessInstance(String processInstanceId) {
        return documents.findByProcessInstanceIdOrderByCreatedAt(processInstanceId);
    }
}
