package com.flash.backoffice.portal.card;

import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.reports.card.ActivationSheet;
import java.io.ByteArrayOutputStream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The printable activation sheet of a batch FINANCE just issued (JasperReports PDF, one slip per card carrier). It is
 * made from the codes in hand, at once: Flash keeps only their hashes.
 */
@Service
public class ActivationSheets {

    private final CardRepository cards;
    private final ApiLinks links;

    ActivationSheets(CardRepository cards, ApiLinks links) {
        this.cards = cards;
        this.links = links;
    }

    @PreAuthorize(CardService.FINANCE)
    public byte[] pdf(IssuedBatch batch) {
        String programme = cards.findProgramme(batch.programmeId())
                .map(CardProgramme::name)
                .orElse(batch.programmeId());
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        ActivationSheet.write(
                programme,
                batch.batchId(),
                links.base() + "/cards/activate",
                batch.cards().stream()
                        .map(card -> new ActivationSheet.Carrier(card.cardId(), card.activationCode()))
                        .toList(),
                pdf);
        return pdf.toByteArray();
    }
}
