package com.healthmed.gateway.record;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param masterKey base64 of the 256-bit key that wraps every patient's data key. Required; the standalone
 *                  configuration carries a DEVELOPMENT DEFAULT that must never be used elsewhere.
 */
@ConfigurationProperties("healthmed.records")
public record RecordsProperties(String masterKey) {
}
