package com.flash.backoffice.portal.checkout;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** QR codes (ZXing) as SVG data URIs: crisp at any size on a phone, no image files to serve. */
public final class QrCodes {

    private QrCodes() {}

    public static String svgDataUri(String text) {
        return "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg(text).getBytes(StandardCharsets.UTF_8));
    }

    static BitMatrix matrix(String text) {
        try {
            return new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as a QR code: " + e.getMessage(), e);
        }
    }

    static String svg(String text) {
        BitMatrix matrix = matrix(text);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " + matrix.getWidth() + " " + matrix.getHeight()
                + "' shape-rendering='crispEdges'><rect width='100%' height='100%' fill='#fff'/><path fill='#000' d='"
                + path + "'/></svg>";
    }
}
