package com.flash.backoffice.portal.security;

import com.flash.backoffice.db.support.MasterKeySeal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master key ({@code FLASH_CARD_MASTER_KEY}) that seals secrets at rest: card issuer keys, webhook secrets. */
@Configuration(proxyBeanMethods = false)
public class MasterKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyConfiguration.class);

    @Bean
    MasterKeySeal masterKeySeal(@Value("${flash.card.master-key:}") String masterKey) {
        return new MasterKeySeal(masterKey(masterKey));
    }

    /** The configured key, or (development only; the prod profile requires one) a fixed key, said loudly. */
    public static byte[] masterKey(String configured) {
        if (configured == null || configured.isBlank()) {
            log.warn("DEVELOPMENT master key in use: card issuer keys and webhook secrets are sealed with a key"
                    + " everyone knows. Set FLASH_CARD_MASTER_KEY (64 hex characters) before issuing real cards.");
            try {
                return MessageDigest.getInstance("SHA-256")
                        .digest("flash development card master key".getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
        String hex = configured.strip();
        if (!hex.matches("[0-9A-Fa-f]{64}")) {
            throw new IllegalStateException("FLASH_CARD_MASTER_KEY must be 64 hexadecimal characters (32 bytes), not "
                    + hex.length() + " characters");
        }
        return HexFormat.of().parseHex(hex);
    }
}
