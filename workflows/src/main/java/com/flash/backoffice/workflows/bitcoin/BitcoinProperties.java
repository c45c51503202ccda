package com.flash.backoffice.workflows.bitcoin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code flash.bitcoin.*}: which network merchants' keys and addresses belong to. */
@ConfigurationProperties("flash.bitcoin")
public record BitcoinProperties(ChainNetwork network) {

    public BitcoinProperties {
        if (network == null) {
            network = ChainNetwork.MAINNET;
        }
    }
}
