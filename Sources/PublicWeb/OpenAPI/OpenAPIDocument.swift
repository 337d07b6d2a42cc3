/// The API's OpenAPI 3.1 description, served at `/api/v1/openapi.json` (schemathesis checks
/// the API against it in the test suite).
enum OpenAPIDocument {
    static let json = #"""
{
 "components": {
  "headers": {
   "ETag": {
    "description": "SHA-256 of the body, shortened; send it back in If-None-Match.",
    "schema": {
     "type": "string"
    }
   },
   "LastModified": {
    "description": "The newest publication in the answer.",
    "schema": {
     "type": "string"
    }
   }
  },
  "parameters": {
   "Cursor": {
    "description": "Continue from a page's next_cursor.",
    "in": "query",
    "name": "cursor",
    "required": false,
    "schema": {
     "pattern": "^[0-9]{1,18}$",
     "type": "string"
    }
   },
   "Id": {
    "in": "path",
    "name": "id",
    "required": true,
    "schema": {
     "maximum": 9223372036854775807,
     "minimum": 1,
     "type": "integer"
    }
   },
   "Limit": {
    "description": "Items per page (default 50).",
    "in": "query",
    "name": "limit",
    "required": false,
    "schema": {
     "maximum": 100,
     "minimum": 1,
     "type": "integer"
    }
   },
   "LongLimit": {
    "description": "Items per page (default 100).",
    "in": "query",
    "name": "limit",
    "required": false,
    "schema": {
     "maximum": 1000,
     "minimum": 1,
     "type": "integer"
    }
   },
   "Year": {
    "description": "Only this year.",
    "in": "query",
    "name": "year",
    "required": false,
    "schema": {
     "maximum": 2199,
     "minimum": 1900,
     "type": "integer"
    }
   }
  },
  "responses": {
   "BadParameter": {
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    },
    "description": "A parameter is not what the route takes."
   },
   "NotFound": {
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    },
    "description": "No such item, or it is not public."
   },
   "NotModified": {
    "description": "Not modified: the client's copy (If-None-Match / If-Modified-Since) is current."
   }
  },
  "schemas": {
   "AgendaItem": {
    "properties": {
     "decision": {
      "type": "integer"
     },
     "id": {
      "type": "integer"
     },
     "index": {
      "type": "integer"
     },
     "meeting": {
      "type": "integer"
     },
     "resolution": {
      "type": "string"
     },
     "secret": {
      "type": "boolean"
     },
     "subject": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "meeting",
     "index",
     "subject",
     "decision",
     "secret"
    ],
    "type": "object"
   },
   "AgendaItemList": {
    "properties": {
     "items": {
      "items": {
       "$ref": "#/components/schemas/AgendaItem"
      },
      "type": "array"
     },
     "next_cursor": {
      "pattern": "^[0-9]{1,18}$",
      "type": "string"
     }
    },
    "required": [
     "items"
    ],
    "type": "object"
   },
   "Body": {
    "properties": {
     "classification": {
      "enum": [
       "council",
       "board",
       "committee",
       "office-holder"
      ],
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "name_sv": {
      "type": "string"
     },
     "organization": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "organization",
     "name",
     "classification"
    ],
    "type": "object"
   },
   "BodyList": {
    "properties": {
     "items": {
      "items": {
       "$ref": "#/components/schemas/Body"
      },
      "type": "array"
     },
     "next_cursor": {
      "pattern": "^[0-9]{1,18}$",
      "type": "string"
     }
    },
    "required": [
     "items"
    ],
    "type": "object"
   },
   "CaseDecision": {
    "properties": {
     "date": {
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "index": {
      "type": "integer"
     },
     "policymaker_name": {
      "type": "string"
     },
     "resolution": {
      "type": "string"
     },
     "subject": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "policymaker_name",
     "subject"
    ],
    "type": "object"
   },
   "Contact": {
    "properties": {
     "email": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "phone": {
      "type": "string"
     },
     "private": {
      "type": "boolean"
     },
     "role": {
      "type": "string"
     },
     "title": {
      "type": "string"
     }
    },
    "required": [
     "role",
     "name",
     "private"
    ],
    "type": "object"
   },
   "CostShare": {
    "properties": {
     "amount_cents": {
      "type": "integer"
     },
     "currency": {
      "enum": [
       "EUR"
      ],
      "type": "string"
     },
     "decision": {
      "type": "integer"
     },
     "id": {
      "type": "integer"
     },
     "source": {
      "type": "string"
     },
     "year": {
      "type": "integer"
     }
    },
    "required": [
     "id",
     "decision",
     "year",
     "amount_cents",
     "currency"
    ],
    "type": "object"
   },
   "CostShareList": {
    "properties": {
     "items": {
      "items": {
       "$ref": "#/components/schemas/CostShare"
      },
      "type": "array"
     },
     "next_cursor": {
      "pattern": "^[0-9]{1,18}$",
      "type": "string"
     }
    },
    "required": [
     "items"
    ],
    "type": "object"
   },
   "Deadline": {
    "properties": {
     "date": {
      "format": "date",
      "type": "string"
     },
     "done": {
      "type": "boolean"
     },
     "kind": {
      "type": "string"
     },
     "text": {
      "type": "string"
     }
    },
    "required": [
     "kind",
     "date",
     "done"
    ],
    "type": "object"
   },
   "Decision": {
    "properties": {
     "appeal_period_ends": {
      "format": "date",
      "type": "string"
     },
     "case_decisions": {
      "items": {
       "$ref": "#/components/schemas/CaseDecision"
      },
      "type": "array"
     },
     "contacts": {
      "items": {
       "$ref": "#/components/schemas/Contact"
      },
      "type": "array"
     },
     "content": {
      "type": "string"
     },
     "cost_shares": {
      "items": {
       "$ref": "#/components/schemas/CostShare"
      },
      "type": "array"
     },
     "date": {
      "format": "date",
      "type": "string"
     },
     "deadlines": {
      "items": {
       "$ref": "#/components/schemas/Deadline"
      },
      "type": "array"
     },
     "decision_text": {
      "type": "string"
     },
     "disqualified": {
      "items": {
       "$ref": "#/components/schemas/Disqualification"
      },
      "type": "array"
     },
     "earlier_handlings": {
      "items": {
       "$ref": "#/components/schemas/Handling"
      },
      "type": "array"
     },
     "id": {
      "type": "integer"
     },
     "index": {
      "type": "integer"
     },
     "meeting": {
      "type": "integer"
     },
     "organization": {
      "type": "string"
     },
     "policymaker": {
      "type": "integer"
     },
     "policymaker_name": {
      "type": "string"
     },
     "policymaker_name_sv": {
      "type": "string"
     },
     "project": {
      "type": "string"
     },
     "proposal": {
      "type": "string"
     },
     "publicity": {
      "enum": [
       "public",
       "secret"
      ],
      "type": "string"
     },
     "published_at": {
      "format": "date-time",
      "type": "string"
     },
     "register_id": {
      "type": "string"
     },
     "resolution": {
      "type": "string"
     },
     "secrecy_basis": {
      "type": "string"
     },
     "subject": {
      "type": "string"
     },
     "total_cents": {
      "type": "integer"
     },
     "votes": {
      "items": {
       "$ref": "#/components/schemas/Vote"
      },
      "type": "array"
     }
    },
    "required": [
     "id",
     "organization",
     "policymaker",
     "policymaker_name",
     "subject",
     "publicity",
     "published_at",
     "earlier_handlings",
     "votes",
     "disqualified",
     "cost_shares",
     "deadlines",
     "contacts",
     "case_decisions"
    ],
    "type": "object"
   },
   "DecisionList": {
    "properties": {
     "items": {
      "items": {
       "$ref": "#/components/schemas/Decision"
      },
      "type": "array"
     },
     "next_cursor": {
      "pattern": "^[0-9]{1,18}$",
      "type": "string"
     }
    },
    "required": [
     "items"
    ],
    "type": "object"
   },
   "Disqualification": {
    "properties": {
     "ground": {
      "type": "string"
     },
     "name": {
      "type": "string"
     }
    },
    "required": [
     "name",
     "ground"
    ],
    "type": "object"
   },
   "Handling": {
    "properties": {
     "body": {
      "type": "string"
     },
     "date": {
      "type": "string"
     },
     "section": {
      "type": "integer"
     }
    },
    "required": [
     "body",
     "date"
    ],
    "type": "object"
   },
   "Meeting": {
    "properties": {
     "agenda_item_count": {
      "type": "integer"
     },
     "appeal_period_ends": {
      "format": "date",
      "type": "string"
     },
     "date": {
      "format": "date",
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "location": {
      "type": "string"
     },
     "minutes_published_at": {
      "format": "date-time",
      "type": "string"
     },
     "number": {
      "type": "string"
     },
     "policymaker": {
      "type": "integer"
     },
     "policymaker_name": {
      "type": "string"
     },
     "policymaker_name_sv": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "policymaker",
     "policymaker_name",
     "date",
     "minutes_published_at",
     "agenda_item_count"
    ],
    "type": "object"
   },
   "MeetingList": {
    "properties": {
     "items": {
      "items": {
       "$ref": "#/components/schemas/Meeting"
      },
      "type": "array"
     },
     "next_cursor": {
      "pattern": "^[0-9]{1,18}$",
      "type": "string"
     }
    },
    "required": [
     "items"
    ],
    "type": "object"
   },
   "Problem": {
    "properties": {
     "detail": {
      "type": "string"
     },
     "instance": {
      "type": "string"
     },
     "status": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "type": {
      "type": "string"
     }
    },
    "required": [
     "title",
     "status",
     "detail"
    ],
    "type": "object"
   },
   "Vote": {
    "properties": {
     "absent": {
      "type": "integer"
     },
     "blank": {
      "type": "integer"
     },
     "decided_by_chair": {
      "type": "boolean"
     },
     "no": {
      "type": "integer"
     },
     "no_motion": {
      "type": "string"
     },
     "position": {
      "type": "integer"
     },
     "result": {
      "enum": [
       "yes",
       "no"
      ],
      "type": "string"
     },
     "yes": {
      "type": "integer"
     },
     "yes_motion": {
      "type": "string"
     }
    },
    "required": [
     "position",
     "yes_motion",
     "no_motion",
     "yes",
     "no",
     "blank",
     "absent",
     "result",
     "decided_by_chair"
    ],
    "type": "object"
   }
  }
 },
 "info": {
  "description": "Published decisions of a municipality's bodies: bodies, meetings, agenda items, decisions and cost shares. Only what the law lets be published: nothing before the minutes are published, secret sections as title, decision and legal basis only, no private persons' contact data. Field names follow the 6Aika open decision API and OParl (docs/open-data.md).",
  "title": "Pykälä open decision data",
  "version": "1.0.0"
 },
 "openapi": "3.1.0",
 "paths": {
  "/api/v1/agenda-items": {
   "get": {
    "operationId": "listAgendaItems",
    "parameters": [
     {
      "description": "Only this meeting's items.",
      "in": "query",
      "name": "meeting",
      "required": false,
      "schema": {
       "maximum": 9223372036854775807,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "$ref": "#/components/parameters/Cursor"
     },
     {
      "$ref": "#/components/parameters/Limit"
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AgendaItemList"
        }
       }
      },
      "description": "OK",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Last-Modified": {
        "$ref": "#/components/headers/LastModified"
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     }
    },
    "summary": "Agenda items (§§) of published minutes"
   }
  },
  "/api/v1/bodies": {
   "get": {
    "operationId": "listBodies",
    "parameters": [
     {
      "$ref": "#/components/parameters/Cursor"
     },
     {
      "$ref": "#/components/parameters/LongLimit"
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/BodyList"
        }
       }
      },
      "description": "OK",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Last-Modified": {
        "$ref": "#/components/headers/LastModified"
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     }
    },
    "summary": "Bodies (policymakers)"
   }
  },
  "/api/v1/bodies/{id}/feed.atom": {
   "get": {
    "operationId": "bodyFeed",
    "parameters": [
     {
      "$ref": "#/components/parameters/Id"
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/atom+xml": {
        "schema": {
         "type": "string"
        }
       }
      },
      "description": "OK",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Last-Modified": {
        "$ref": "#/components/headers/LastModified"
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    },
    "summary": "Atom feed of a body's newest published decisions"
   }
  },
  "/api/v1/cost-shares": {
   "get": {
    "operationId": "listCostShares",
    "parameters": [
     {
      "description": "Only this decision's shares.",
      "in": "query",
      "name": "decision",
      "required": false,
      "schema": {
       "maximum": 9223372036854775807,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "$ref": "#/components/parameters/Year"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     },
     {
      "$ref": "#/components/parameters/LongLimit"
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CostShareList"
        }
       }
      },
      "description": "OK",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Last-Modified": {
        "$ref": "#/components/headers/LastModified"
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     }
    },
    "summary": "Cost shares of public decisions"
   }
  },
  "/api/v1/decisions": {
   "get": {
    "operationId": "listDecisions",
    "parameters": [
     {
      "description": "Words to search for, as in a web search engine.",
      "in": "query",
      "name": "q",
      "required": false,
      "schema": {
       "maxLength": 200,
       "minLength": 1,
       "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$",
       "type": "string"
      }
     },
     {
      "description": "The language of q: fi (default) or sv.",
      "in": "query",
      "name": "lang",
      "required": false,
      "schema": {
       "enum": [
        "fi",
        "sv"
       ],
       "type": "string"
      }
     },
     {
      "description": "Only this body's decisions.",
      "in": "query",
      "name": "policymaker",
      "required": false,
      "schema": {
       "maximum": 9223372036854775807,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "$ref": "#/components/parameters/Year"
     },
     {
      "description": "Only this outcome.",
      "in": "query",
      "name": "resolution",
      "required": false,
      "schema": {
       "enum": [
        "approved",
        "approved_after_vote",
        "amended",
        "modified",
        "rejected",
        "noted",
        "returned",
        "tabled",
        "removed",
        "election"
       ],
       "type": "string"
      }
     },
     {
      "$ref": "#/components/parameters/Cursor"
     },
     {
      "description": "Items per page (default 20).",
      "in": "query",
      "name": "limit",
      "required": false,
      "schema": {
       "maximum": 100,
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DecisionList"
        }
       }
      },
      "description": "OK",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Last-Modified": {
        "$ref": "#/components/headers/LastModified"
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     }
    },
    "summary": "Published decisions, newest first; full-text search in Finnish or Swedish"
   }
  },
  "/api/v1/decisions/{id}": {
   "get": {
    "operationId": "getDecision",
    "parameters": [
     {
      "$ref": "#/components/parameters/Id"
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Decision"
        }
       }
      },
      "description": "OK",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Last-Modified": {
        "$ref": "#/components/headers/LastModified"
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    },
    "summary": "One published decision"
   }
  },
  "/api/v1/meetings": {
   "get": {
    "operationId": "listMeetings",
    "parameters": [
     {
      "description": "Only this body's meetings.",
      "in": "query",
      "name": "policymaker",
      "required": false,
      "schema": {
       "maximum": 9223372036854775807,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "$ref": "#/components/parameters/Year"
     },
     {
      "$ref": "#/components/parameters/Cursor"
     },
     {
      "$ref": "#/components/parameters/Limit"
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/MeetingList"
        }
       }
      },
      "description": "OK",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Last-Modified": {
        "$ref": "#/components/headers/LastModified"
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     }
    },
    "summary": "Meetings with published minutes"
   }
  },
  "/api/v1/meetings/{id}": {
   "get": {
    "operationId": "getMeeting",
    "parameters": [
     {
      "$ref": "#/components/parameters/Id"
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Meeting"
        }
       }
      },
      "description": "OK",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Last-Modified": {
        "$ref": "#/components/headers/LastModified"
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    },
    "summary": "One meeting"
   }
  },
  "/api/v1/openapi.json": {
   "get": {
    "operationId": "openapi",
    "parameters": [],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      },
      "description": "OK",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Last-Modified": {
        "$ref": "#/components/headers/LastModified"
       }
      }
     },
     "304": {
      "$ref": "#/components/responses/NotModified"
     },
     "400": {
      "$ref": "#/components/responses/BadParameter"
     }
    },
    "summary": "This document"
   }
  }
 },
 "servers": [
  {
   "url": "/"
  }
 ]
}
"""#
}
