package com.flash.backoffice.portal.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

class PaymentCodesTest {

    static final String ADDRESS = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu";
    static final String BOLT11 = "lnbc500u1pjexample";

    @Test
    void the_unified_uri_carries_address_amount_and_lightning_invoice() {
        assertThat(PaymentUris.unified(ADDRESS, 50_000_000L, BOLT11))
                .isEqualTo(
                        "bitcoin:BC1QCR8TE4KR609GCAWUTMRZA0J4XV80JY8Z306FYU?amount=0.0005&lightning=LNBC500U1PJEXAMPLE");
    }

    @Test
    void an_on_chain_amount_with_a_msat_remainder_rounds_up_to_the_next_satoshi() {
        assertThat(PaymentUris.onChain(ADDRESS, 1_500L)).endsWith("?amount=0.00000002");
    }

    @Test
    void a_top_up_invoice_has_no_amount_and_lightning_alone_works() {
        assertThat(PaymentUris.onChain(ADDRESS, null)).isEqualTo("bitcoin:BC1QCR8TE4KR609GCAWUTMRZA0J4XV80JY8Z306FYU");
        assertThat(PaymentUris.unified(null, 1_000L, BOLT11)).isEqualTo("bitcoin:?lightning=LNBC500U1PJEXAMPLE");
        assertThat(PaymentUris.lightning(BOLT11)).isEqualTo("lightning:LNBC500U1PJEXAMPLE");
    }

    @Test
    void the_qr_code_decodes_back_to_the_uri() throws Exception {
        String uri = PaymentUris.unified(ADDRESS, 50_000_000L, BOLT11);
        BitMatrix matrix = QrCodes.matrix(uri);
        int scale = 4;
        int width = matrix.getWidth() * scale;
        int height = matrix.getHeight() * scale;
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = matrix.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));

        assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(uri);
        assertThat(QrCodes.svgDataUri(uri)).startsWith("data:image/svg+xml;base64,");
    }
}
