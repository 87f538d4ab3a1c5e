package org.civicflow.tender.ocds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civicflow.system.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Open Contracting export: OCDS 1.1 release packages of every tender and its contract, and of every funded
 * project's contract (its call for proposals as the tender). Any authenticated user may read them (HTTP Basic,
 * as all of {@code /api/**}): once published the data is public, and what is still sealed (bids before the bid
 * deadline) is left out of the releases themselves.
 */
@RestController
@RequestMapping(path = "/api/ocds/releases", produces = "application/json")
class OcdsController {

    private final OcdsReleases releases;

    OcdsController(OcdsReleases releases) {
        this.releases = releases;
    }

    /** A release package with one release per contracting process (a tender, or a funded project). */
    @GetMapping
    ObjectNode all() {
        return releases.all(requestUri(), baseUrl());
    }

    /** A release package with the release of one contracting process; 404 if the ocid is unknown. */
    @GetMapping("/{ocid}")
    ObjectNode one(@PathVariable String ocid) {
        return releases.one(ocid, requestUri(), baseUrl())
                .orElseThrow(() -> new NotFoundException("未找到开放合同数据 " + ocid));
    }

    private static String requestUri() {
        return ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).build().toUriString();
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
