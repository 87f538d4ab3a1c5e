package org.civicflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * CivicFlow: government purchase of social-work services as executable BPMN.
 * One top-level package per stage: call, application, tender, contract, registry, documents, system.
 */
@SpringBootApplication
public class CivicFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(CivicFlowApplication.class, args);
    }
}
