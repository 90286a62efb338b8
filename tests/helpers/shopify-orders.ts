/** Builds Shopify `orders/create` payloads shaped like the real ones (REST Admin API Order resource). */

export interface OrderSpec {
  id: number;
  number: number;
  email: string | null;
  customerId?: number | null;
  firstName?: string;
  lastName?: string;
  total: string;
  currency?: string;
  createdAt?: string;
  items?: { title: string; variant?: string | null; quantity?: number; price: string }[];
}

export function shopifyOrder(spec: OrderSpec): Record<string, unknown> {
  const items = spec.items ?? [{ title: 'Merino scarf', variant: 'Blue', quantity: 1, price: spec.total }];
  const createdAt = spec.createdAt ?? '2026-11-20T10:15:00-05:00';
  const customer =
    spec.customerId === null
      ? null
      : {
          id: spec.customerId ?? 7_000_000 + spec.id,
          email: spec.email,
          first_name: spec.firstName ?? 'Jane',
          last_name: spec.lastName ?? 'Smith',
          state: 'enabled',
          verified_email: true,
          tags: '',
          currency: spec.currency ?? 'USD',
          created_at: createdAt,
        };
  return {
    id: spec.id,
    admin_graphql_api_id: `gid://shopify/Order/${spec.id}`,
    name: `#${spec.number}`,
    order_number: spec.number,
    number: spec.number - 1000,
    email: spec.email,
    contact_email: spec.email,
    created_at: createdAt,
    processed_at: createdAt,
    updated_at: createdAt,
    currency: spec.currency ?? 'USD',
    presentment_currency: spec.currency ?? 'USD',
    financial_status: 'paid',
    fulfillment_status: null,
    total_price: spec.total,
    subtotal_price: spec.total,
    total_tax: '0.00',
    total_discounts: '0.00',
    total_shipping_price_set: {
      shop_money: { amount: '0.00', currency_code: spec.currency ?? 'USD' },
      presentment_money: { amount: '0.00', currency_code: spec.currency ?? 'USD' },
    },
    shipping_lines: [],
    test: false,
    cancelled_at: null,
    customer,
    billing_address: { first_name: spec.firstName ?? 'Jane', last_name: spec.lastName ?? 'Smith', city: 'Ottawa', country_code: 'CA' },
    line_items: items.map((item, index) => ({
      id: spec.id * 10 + index,
      title: item.title,
      variant_title: item.variant ?? null,
      name: item.variant ? `${item.title} - ${item.variant}` : item.title,
      quantity: item.quantity ?? 1,
      price: item.price,
      sku: `SKU-${index}`,
      vendor: 'Acme',
      taxable: true,
      requires_shipping: true,
    })),
  };
}
