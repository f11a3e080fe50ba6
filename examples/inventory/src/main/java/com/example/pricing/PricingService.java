package com.example.pricing;

import io.procmesh.core.service.ServiceContext;

/**
 * One price for every SKU, from config ({@code unitPriceCents}), with a tenth off from ten units.
 */
public final class PricingService implements PricingApi
{
    private final ServiceContext context;

    public PricingService(final ServiceContext context)
    {
        this.context = context;
    }

    @Override
    public long quote(final String sku, final int qty)
    {
        final long unit = context.config().get("unitPriceCents", Long.class, 250L);
        final long total = unit * qty;
        return qty >= 10 ? total - total / 10 : total;
    }
}
