package org.civicflow.system;

/** An unknown resource (404). The message is shown to the user. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
