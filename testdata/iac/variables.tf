variable "origins" {
  type = list(string)
}

locals {
  max_age = 3000
}

resource "aws_s3_bucket_cors_configuration" "app" {
  bucket = "app"

  cors_rule {
    allowed_methods = ["GET", upper("put")]
    allowed_origins = var.origins
    max_age_seconds = local.max_age
    exposed_headers = ["ETag"]
  }

  cors_rule {
    id              = "literal"
    allowed_methods = ["GET"]
    allowed_origins = ["https://${var.domain}", "https://www.example.com"]
    allowed_headers = "authorization"
  }

  dynamic "cors_rule" {
    for_each = var.extra_rules
    content {
      allowed_methods = cors_rule.value.methods
      allowed_origins = cors_rule.value.origins
    }
  }
}
