import { z } from 'zod';
import type { CustomerUpserted } from '../../history/events.js';
import { ignoredList } from '../birthday-fields.js';
import { optionalText, partyNames, present } from '../payload-kit.js';
import { birthdayFields, customerBirthday, dateTime, exactId, shopifyId, withPayload, type ParsedTopic } from './payload-helpers.js';

/**
 * `customers/create` and `customers/update`: the Customer resource. Names and
 * e-mail are null without protected-customer-data access, and a customer
 * created at the till may have neither; the default address then names them.
 */

const nameFields = { first_name: optionalText, last_name: optionalText };

const customerSchema = z.looseObject({
  id: shopifyId,
  admin_graphql_api_id: optionalText,
  email: optionalText,
  ...nameFields,
  updated_at: dateTime.nullish(),
  default_address: z.looseObject(nameFields).nullish(),
  ...birthdayFields,
});

/**
 * Validates a customer body and converts it.
 * @returns one `customer_upserted` event with `version` = `updated_at` and the
 * birthday when the body has a readable one (an unreadable one is listed in
 * `ignored`), or `{ ok: false, reason }` naming the first bad field. Does not
 * throw for bad input.
 */
export function parseShopifyCustomer(json: unknown): ParsedTopic {
  return withPayload(customerSchema, json, (customer) => {
    const externalId = exactId(customer.id, { gid: customer.admin_graphql_api_id });
    if (externalId === undefined) return { ok: false, reason: 'id: is larger than 2^53 and has no admin_graphql_api_id to recover it from' };
    const names = partyNames([customer, customer.default_address]);
    const birthday = customerBirthday(customer, '');
    const event: CustomerUpserted = {
      type: 'customer_upserted',
      source: 'shopify',
      externalId,
      version: customer.updated_at ? new Date(customer.updated_at) : undefined,
      customer: {
        externalId,
        email: present(customer.email),
        firstName: names?.firstName,
        lastName: names?.lastName,
        birthday: birthday.birthday,
      },
    };
    return { ok: true, events: [event], ignored: ignoredList(birthday) };
  });
}
