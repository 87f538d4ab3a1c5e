package org.civicflow.system;

/** One bad field of a request, with a message for the user (Chinese). */
public record FieldViolation(String field, String message) {
}
