// The partner programme's seven partner types, between English and Japanese, for the portals and
// the helpdesk: the list, one by id, and a name in any reasonable spelling resolved to its type.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { partnerTypeBody } from '../core/check.js'
import { closestPartnerTypes, PARTNER_TYPES, partnerTypeById, resolvePartnerType } from '../core/partner-types.js'
import { problem, sendProblem } from '../errors.js'
import {
  API_PROBLEMS,
  API_SECURITY,
  PartnerTypeIdParamsSchema,
  PartnerTypeListSchema,
  PartnerTypeLookupQuerySchema,
  PartnerTypeLookupSchema,
  PartnerTypeSchema,
  problemResponse,
} from '../schemas.js'

export const partnerTypesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/partner-types',
    {
      schema: {
        operationId: 'listPartnerTypes',
        security: API_SECURITY,
        summary: 'List the seven partner types',
        description: 'Every partner type of the partner programme with its English (contract) and Japanese (portal) name, in the programme’s order.',
        tags: ['partner types'],
        response: { 200: PartnerTypeListSchema, ...API_PROBLEMS },
      },
    },
    async () => ({ partnerTypes: PARTNER_TYPES.map(partnerTypeBody) }),
  )

  app.get(
    '/partner-types/lookup',
    {
      schema: {
        operationId: 'lookupPartnerType',
        security: API_SECURITY,
        summary: 'Resolve a partner type name, in any reasonable spelling, to its type',
        description:
          'Accepts the English or Japanese name in any case, width or spacing (ﾘｾﾗｰ, Alliance Partners / OEM), without the final long-vowel mark (システムインテグレータ), common short names (ISV, SIer, Reseller, OEM) and one typo. An unknown name gets 404 with the closest types.',
        tags: ['partner types'],
        querystring: PartnerTypeLookupQuerySchema,
        response: {
          200: PartnerTypeLookupSchema,
          400: problemResponse('name is missing, empty or longer than 200 characters (VALIDATION_FAILED).'),
          404: problemResponse('No partner type has that name, or the name is ambiguous (PARTNER_TYPE_NOT_FOUND, with the closest types in suggestions).'),
          ...API_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const { name } = request.query
      const found = resolvePartnerType(name)
      if (found) return { ...partnerTypeBody(found.type), query: name, match: found.match }
      const suggestions = closestPartnerTypes(name).map(partnerTypeBody)
      return sendProblem(
        reply,
        problem(
          'PARTNER_TYPE_NOT_FOUND',
          request,
          { detail: `No partner type is called "${name}". Closest: ${suggestions.map((t) => `${t.en} (${t.ja})`).join(', ')}.`, suggestions },
          { detail: `「${name}」という名前のパートナータイプはありません。近いもの: ${suggestions.map((t) => `${t.ja}（${t.en}）`).join('、')}。` },
        ),
      )
    },
  )

  app.get(
    '/partner-types/:id',
    {
      schema: {
        operationId: 'getPartnerType',
        security: API_SECURITY,
        summary: 'One partner type, by id',
        tags: ['partner types'],
        params: PartnerTypeIdParamsSchema,
        response: {
          200: PartnerTypeSchema,
          404: problemResponse('No partner type has that id (PARTNER_TYPE_NOT_FOUND, with the closest types in suggestions).'),
          ...API_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const type = partnerTypeById(request.params.id)
      if (type) return partnerTypeBody(type)
      const suggestions = closestPartnerTypes(request.params.id).map(partnerTypeBody)
      return sendProblem(
        reply,
        problem(
          'PARTNER_TYPE_NOT_FOUND',
          request,
          { detail: `No partner type has the id "${request.params.id}". Closest: ${suggestions.map((t) => t.id).join(', ')}.`, suggestions },
          { detail: `ID「${request.params.id}」のパートナータイプはありません。近いもの: ${suggestions.map((t) => t.id).join('、')}。` },
        ),
      )
    },
  )
}
