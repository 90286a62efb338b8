/**
 * A small, realistic week of a scarf-and-ceramics shop, as Shopify would send
 * it: Jane Smith reaches her 5th order, two new customers place their first,
 * one of them pays in euros.
 */

interface DemoItem {
  title: string;
  variant?: string;
  quantity?: number;
  price: string;
}

interface DemoOrder {
  id: number;
  number: number;
  customer: { id: number; email: string; firstName: string; lastName: string };
  currency: string;
  createdAt: string;
  shipping: string;
  items: DemoItem[];
}

const jane = { id: 6_201_001, email: 'jane.smith@example.com', firstName: 'Jane', lastName: 'Smith' };
const omar = { id: 6_201_002, email: 'omar.haddad@example.net', firstName: 'Omar', lastName: 'Haddad' };
const lucia = { id: 6_201_003, email: 'lucia@example.es', firstName: 'Lucía', lastName: 'Fernández' };

export const DEMO_ORDERS: DemoOrder[] = [
  { id: 5_550_001, number: 1001, customer: jane, currency: 'USD', createdAt: '2026-03-02T14:05:00-05:00', shipping: '5.00', items: [{ title: 'Merino scarf', variant: 'Blue', price: '48.00' }] },
  { id: 5_550_002, number: 1002, customer: jane, currency: 'USD', createdAt: '2026-05-18T09:41:00-04:00', shipping: '5.00', items: [{ title: 'Stoneware mug', variant: 'Sand', quantity: 2, price: '18.00' }] },
  { id: 5_550_003, number: 1003, customer: jane, currency: 'USD', createdAt: '2026-08-09T19:12:00-04:00', shipping: '0.00', items: [{ title: 'Linen napkins (set of 4)', price: '32.00' }, { title: 'Beeswax candle', price: '14.00' }] },
  { id: 5_550_004, number: 1004, customer: omar, currency: 'USD', createdAt: '2026-11-16T11:20:00-05:00', shipping: '5.00', items: [{ title: 'Cashmere beanie', variant: 'Charcoal', price: '62.00' }] },
  { id: 5_550_005, number: 1005, customer: jane, currency: 'USD', createdAt: '2026-10-21T08:30:00-04:00', shipping: '5.00', items: [{ title: 'Merino scarf', variant: 'Forest green', price: '48.00' }] },
  { id: 5_550_006, number: 1006, customer: lucia, currency: 'EUR', createdAt: '2026-11-19T17:45:00+01:00', shipping: '7.50', items: [{ title: 'Stoneware bowl', variant: 'Glazed white', quantity: 3, price: '22.00' }] },
  { id: 5_550_007, number: 1007, customer: jane, currency: 'USD', createdAt: '2026-11-21T10:02:00-05:00', shipping: '5.00', items: [{ title: 'Merino scarf', variant: 'Blue', price: '48.00' }, { title: 'Gift wrapping', price: '4.00' }] },
];

/** The demo's "now": an hour after Jane's 5th order, at the end of the shop's week. */
export const DEMO_NOW = new Date('2026-11-21T16:00:00Z');

/** The order as an `orders/create` webhook body (REST Admin API Order resource). */
export function toShopifyPayload(order: DemoOrder): Record<string, unknown> {
  const subtotal = order.items.reduce((sum, item) => sum + Number(item.price) * (item.quantity ?? 1), 0);
  const total = (subtotal + Number(order.shipping)).toFixed(2);
  const money = (amount: string) => ({ shop_money: { amount, currency_code: order.currency }, presentment_money: { amount, currency_code: order.currency } });
  const { customer } = order;
  return {
    id: order.id,
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    name: `#${order.number}`,
    order_number: order.number,
    email: customer.email,
    contact_email: customer.email,
    created_at: order.createdAt,
    processed_at: order.createdAt,
    currency: order.currency,
    financial_status: 'paid',
    total_price: total,
    subtotal_price: subtotal.toFixed(2),
    total_shipping_price_set: money(order.shipping),
    shipping_lines: [{ code: 'Standard', title: 'Standard shipping', price: order.shipping }],
    customer: { id: customer.id, email: customer.email, first_name: customer.firstName, last_name: customer.lastName },
    billing_address: { first_name: customer.firstName, last_name: customer.lastName, country_code: 'US' },
    line_items: order.items.map((item, index) => ({
      id: order.id * 10 + index,
      title: item.title,
      variant_title: item.variant ?? null,
      quantity: item.quantity ?? 1,
      price: item.price,
    })),
  };
}
