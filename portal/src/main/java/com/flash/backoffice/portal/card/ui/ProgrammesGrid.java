package com.flash.backoffice.portal.card.ui;

import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.portal.card.CardService;
import com.vaadin.flow.component.grid.Grid;
import java.util.List;

/** The card programmes with the rules their cards start with (never a key). */
class ProgrammesGrid extends Grid<CardProgramme> {

    ProgrammesGrid(CardService cards, List<CardProgramme> programmes) {
        setId("card-programmes");
        addColumn(CardProgramme::name).setHeader("Programme").setAutoWidth(true);
        addColumn(programme -> CardLabels.sat(programme.perTapLimitMsat()))
                .setHeader("Per payment")
                .setAutoWidth(true);
        addColumn(programme -> CardLabels.sat(programme.dailyLimitMsat()))
                .setHeader("Per rolling day")
                .setAutoWidth(true);
        addColumn(programme -> programme.pinLimitMsat() == null ? "No PIN" : CardLabels.sat(programme.pinLimitMsat()))
                .setHeader("PIN from")
                .setAutoWidth(true);
        addColumn(programme -> programme.activationDays() + " days")
                .setHeader("To activate")
                .setAutoWidth(true);
        addColumn(programme -> {
                    List<String> merchants = cards.allowedMerchantNames(programme.id());
                    return merchants.isEmpty() ? "Anywhere" : String.join(", ", merchants);
                })
                .setHeader("Pays at")
                .setAutoWidth(true);
        addColumn(programme -> programme.createdBy() + ", " + CardLabels.time(programme.createdAt()))
                .setHeader("Created by (UTC)")
                .setAutoWidth(true);
        setItems(programmes);
        setAllRowsVisible(true);
    }
}
