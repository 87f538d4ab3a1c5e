package org.civicflow.system;

/** The caller is known but may not do this (403). The message is shown to the user. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
