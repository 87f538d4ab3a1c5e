package org.civicflow.system;

import java.util.List;

/** A request with bad fields (400). Carries every violation, not just the first. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidInputException(List<FieldViolation> violations) {
        super("请求数据有误：" + String.join("、", violations.stream().map(FieldViolation::field).distinct().toList()));
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
