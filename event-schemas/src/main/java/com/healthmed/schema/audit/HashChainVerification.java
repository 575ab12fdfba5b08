package com.healthmed.schema.audit;

/**
 * The outcome of recomputing the chain: {@code verified} when every chained event's stored form still hashes
 * to its checkpoint; otherwise the first event that no longer matches ({@code firstMismatch}: its position,
 * {@code aggregateId}, {@code eventIdentifier}, and {@code reason}: {@code altered} or {@code missing}).
 */
public record HashChainVerification(boolean verified, long checked, Long chainedUpTo, Long firstMismatch,
                                    String aggregateId, String eventIdentifier, String reason) {
}
