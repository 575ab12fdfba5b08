package com.healthmed.gateway.web;

/**
 * Whether a node other than this one may project what this node's requests wait for. A subscription-query update
 * is emitted on the node whose projection handled the event, so only then may a write become visible without an
 * update reaching this node, and {@link ReadYourWrites} asks the query again while it waits. Without such a bean
 * (the gateway deployed apart from the projections) another node is assumed.
 */
@FunctionalInterface
public interface OtherProjectingNodes {

    /** Checked at every poll, so a node that joins while a request waits is noticed by that request. */
    boolean mayExist();
}
