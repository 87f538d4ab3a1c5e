package org.civicflow.system;

import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error of CivicFlow's own API as {@code application/problem+json} (RFC 9457), in Chinese,
 * naming each bad field in {@code errors}.
 */
// no basePackages: errors raised before a handler is chosen (415, 405) must be problems too
@RestControllerAdvice
class ProblemHandler {

    static final String TYPE_PREFIX = "urn:civicflow:problem:";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return invalid(e.violations());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return invalid(unreadable(e.getCause()));
    }

    /**
     * What Jackson could not read, naming the field where it says: the binding path (a number too large for its
     * type, a wrong type), or the field whose value the parser was reading (a number past what BigDecimal holds,
     * a value over Jackson's length limits, bytes that are not UTF-8). Syntax errors name only the body, with where
     * they are.
     */
    static List<FieldViolation> unreadable(Throwable cause) {
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            boolean number = mapping.getCause() instanceof InputCoercionException
                    || mapping.getCause() instanceof NumberFormatException;
            return List.of(new FieldViolation(path(mapping.getPath()), number ? "数值超出允许的范围" : "类型或格式不正确"));
        }
        List<FieldViolation> violations = new ArrayList<>();
        violations.add(new FieldViolation("body", (cause != null && cause.getCause() instanceof CharacterCodingException
                ? "请求体不是有效的UTF-8文本" : "请求体不是有效的JSON") + location(cause)));
        if (cause instanceof StreamReadException read && read.getProcessor() != null) {
            String message = read instanceof InputCoercionException || read.getCause() instanceof NumberFormatException
                    ? "数值超出允许的范围"
                    : read.getCause() instanceof StreamConstraintsException ? "超出长度或嵌套深度的限制"
                    : read.getCause() instanceof CharacterCodingException ? "不是有效的UTF-8文本" : null;
            String field = message == null ? null : valueField(read.getProcessor().getParsingContext());
            if (field != null) {
                violations.add(new FieldViolation(field, message));
            }
        }
        return violations;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(TextRules.printable(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The path of the object member the parser was reading a value of, or null (an array item, the root). */
    private static String valueField(JsonStreamContext context) {
        if (context == null || !context.inObject() || context.getCurrentName() == null) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String step = c.inObject() ? "." + TextRules.printable(String.valueOf(c.getCurrentName()))
                    : "[" + c.getCurrentIndex() + "]";
            path.insert(0, step);
        }
        // deep nesting would make a name nobody can use
        return path.length() > 200 ? null : path.substring(path.charAt(0) == '.' ? 1 : 0);
    }

    private static String location(Throwable cause) {
        JsonLocation location = cause instanceof JsonProcessingException json ? json.getLocation() : null;
        return location == null || location.getLineNr() < 1 ? ""
                : "（第" + location.getLineNr() + "行第" + location.getColumnNr() + "列）";
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "不支持的内容类型",
                "请求体必须是 application/json");
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new FieldViolation(e.getName(), "格式不正确")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return invalid(List.of(new FieldViolation(e.getParameterName(), "必填")));
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "未找到", e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "无权访问", e.getMessage());
    }

    @ExceptionHandler(AuthorizationException.class)
    ProblemDetail engineForbidden(AuthorizationException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "无权访问", "当前用户没有执行此操作的权限");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse known) {
            // Spring MVC's own errors (unknown path, wrong method, ...) keep their status
            return ResponseEntity.status(known.getStatusCode()).body(known.getBody());
        }
        LOG.error("Unexpected error in CivicFlow API", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "系统错误", "系统内部错误，请稍后重试或联系管理员"));
    }

    static ProblemDetail invalid(List<FieldViolation> violations) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-input", "请求数据有误",
                "以下字段有误：" + String.join("、", violations.stream().map(FieldViolation::field).distinct().toList()));
        problem.setProperty("errors", violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message()))
                .toList());
        return problem;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }
}
