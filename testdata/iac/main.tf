terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "stage" {
  type = string
}

resource "aws_s3_bucket" "assets" {
  bucket = "assets-${var.stage}"
}

resource "aws_s3_bucket_cors_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  cors_rule {
    id              = "browser-uploads"
    allowed_headers = ["content-type", "x-amz-*"]
    allowed_methods = ["PUT", "POST"]
    allowed_origins = ["https://app.example.com"]
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }

  cors_rule {
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = ["*"]
  }
}

# Provider versions before 4 kept the rules inline.
resource "aws_s3_bucket" "legacy" {
  bucket = "legacy"

  cors_rule {
    allowed_methods = ["GET", "DELETE", "patch"]
    allowed_origins = ["https://*.*.example.com", "http://app.example.com"]
    max_age_seconds = 3600
  }
}
